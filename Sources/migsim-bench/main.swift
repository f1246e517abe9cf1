print("migsim-bench")
