SET = "meeting_records"
NAMES: tuple[str, ...] = ("m001_meeting_records",)
