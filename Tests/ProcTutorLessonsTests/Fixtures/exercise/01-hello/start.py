print("hi from parent")
