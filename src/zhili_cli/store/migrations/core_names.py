SET = "core"
NAMES = ("m001_core",)
