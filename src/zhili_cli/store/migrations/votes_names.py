SET = "votes"
NAMES: tuple[str, ...] = ("m001_vote_life",)
