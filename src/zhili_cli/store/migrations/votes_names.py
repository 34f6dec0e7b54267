SET = "votes"
NAMES: tuple[str, ...] = ("m001_vote_life", "m002_household_events")
