@testable import Gateway
import GatewayModel
import Testing

@Suite struct LaneCursorsTests {
    @Test func newAlarmsAreReadBeforeTheBacklogAndOtherLanesInOnePass() {
        let cursors = LaneCursors(alarmBacklogEnd: 40)
        #expect(cursors.spans(of: .alarm) == [.init(after: 40, through: .max), .init(after: 0, through: 40)])
        #expect(cursors.spans(of: .vital) == [.init(after: 0, through: .max)])
        #expect(LaneCursors(alarmBacklogEnd: 0).spans(of: .alarm) == [.init(after: 0, through: .max)], "no backlog: one pass")
    }

    @Test func aFinishedBacklogIsDroppedButNewRowsAreAlwaysRead() {
        var cursors = LaneCursors(alarmBacklogEnd: 40)
        cursors.advance(.alarm, through: 40, to: 12)
        cursors.advance(.alarm, through: .max, to: 45)
        #expect(cursors.spans(of: .alarm) == [.init(after: 45, through: .max), .init(after: 12, through: 40)])
        cursors.exhausted(.alarm, through: .max)
        cursors.exhausted(.alarm, through: 40)
        #expect(cursors.spans(of: .alarm) == [.init(after: 45, through: .max)])
    }
}
