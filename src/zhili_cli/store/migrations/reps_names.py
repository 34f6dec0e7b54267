SET = "reps"
NAMES: tuple[str, ...] = ("m001_meeting_roster",)
