SET = "publication"
NAMES: tuple[str, ...] = ("m001_publications_and_recorded_time",)
