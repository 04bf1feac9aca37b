print("overblik-bench: see README")
