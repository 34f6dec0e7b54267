SET = "minutes"
NAMES: tuple[str, ...] = ("m001_place_note_taker_summary",)
