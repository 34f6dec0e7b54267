SET = "desk"
NAMES = ("m001_visits_volunteers_reveals", "m002_search_index", "m003_search_batch_import")
