print("overblik")
