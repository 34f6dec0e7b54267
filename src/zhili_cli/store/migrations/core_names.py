SET = "core"
NAMES = ("m001_core", "m002_petition_stats_index")
