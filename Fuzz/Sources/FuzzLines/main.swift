import Foundation
import FuzzDriver

exit(FuzzDriverRun(CommandLine.argc, CommandLine.unsafeArgv, fuzz))
