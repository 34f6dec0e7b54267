SET = "meetings"
NAMES: tuple[str, ...] = ("m001_meetings",)
