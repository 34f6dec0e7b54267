SET = "proxies"
NAMES: tuple[str, ...] = ("m001_vote_proxies",)
