import LinearAlgebra
import MigsimCLI

AllocatorTuning.keepLargeBlocks()
MigsimCommand.main()
