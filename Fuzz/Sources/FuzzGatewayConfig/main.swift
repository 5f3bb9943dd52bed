import Foundation
import FuzzDriver

// Keys, TLS files and profiles the config refers to, made once per process.
_ = ConfigFixture.shared

exit(FuzzDriverRun(CommandLine.argc, CommandLine.unsafeArgv, fuzz))
