"""Use cases: each function is one command's work, combining domain rules and the store."""
