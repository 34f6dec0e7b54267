SET = "core"
NAMES = ("m001_core", "m002_petition_stats_index", "m003_drop_petition_status_index")
