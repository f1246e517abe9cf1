import MigsimCLI

MigsimCommand.main()
