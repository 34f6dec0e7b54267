SET = "desk"
NAMES = ("m001_visits_volunteers_reveals", "m002_search_index")
