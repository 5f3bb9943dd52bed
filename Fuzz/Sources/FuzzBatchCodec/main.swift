import Foundation
import FuzzDriver
import FuzzSupport

// The shared test batch, encoded by the current codec: seeds the run's corpus.
Seeds.write(BatchCodecFixture.encoded, name: "encoded-batch")

exit(FuzzDriverRun(CommandLine.argc, CommandLine.unsafeArgv, fuzz))
