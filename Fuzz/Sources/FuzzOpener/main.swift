import Foundation
import FuzzDriver
import FuzzSupport

// One envelope sealed with the fixed keys: checks the fixture, and seeds the run's corpus.
Seeds.write(OpenerFixture.validEnvelope, name: "sealed-envelope")

exit(FuzzDriverRun(CommandLine.argc, CommandLine.unsafeArgv, fuzz))
