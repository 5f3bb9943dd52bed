import DeviceCodecs
import Foundation

/// Nonin data format #2 frames: `01, STATUS, PLETH, DATA, CHK`, 25 frames a packet.
public enum NoninFrames {
    public static func packet(heartRate: Int, spo2: Int, phase: Int) -> Data {
        var bytes: [UInt8] = []
        for frame in 1...25 {
            let status: UInt8 = 0x80 | (frame == 1 ? 0x01 : 0)
            let angle = Double(phase * 25 + frame) / 75 * Double(heartRate) / 60 * 2 * Double.pi
            let pleth = UInt8(128 + 100 * sin(angle))
            let data: UInt8
            switch frame {
            case 1: data = UInt8((heartRate >> 7) & 0x03)
            case 2: data = UInt8(heartRate & 0x7F)
            case 3, 9, 10, 11: data = UInt8(spo2)
            case 4: data = 0x2A
            default: data = 0
            }
            let checksum = UInt8((1 + Int(status) + Int(pleth) + Int(data)) % 256)
            bytes += [0x01, status, pleth, data, checksum]
        }
        return Data(bytes)
    }
}

/// Masimo Radical-7 ASCII output lines.
public enum MasimoLine {
    public static func make(at date: Date, spo2: Int, bpm: Int, pi: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        let stamp = "\(two(c.month))/\(two(c.day))/\(two((c.year ?? 2000) % 100)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        return "\(stamp) SN=0000123456 SPO2=\(String(format: "%03d", spo2))% BPM=\(String(format: "%03d", bpm)) PI=\(String(format: "%05.2f", pi))% SPCO=01.0% SPMET=00.6% DESAT=00 PIDELTA=+00 PVI=014 ALARM=0000 EXC=000000\r\n"
    }
}

/// COBS waveform frames as custom ECG/PPG front ends send them: seq LE, interleaved samples LE,
/// CRC-16/CCITT-FALSE LE, COBS-encoded, 0x00-terminated.
public enum COBSWaveformFrames {
    public static func frame(sequence: UInt16, samples: [Int32], bytesPerSample: Int = 2, crcError: UInt16 = 0) -> [UInt8] {
        var payload: [UInt8] = [UInt8(sequence & 0xFF), UInt8(sequence >> 8)]
        payload.reserveCapacity(2 + samples.count * bytesPerSample + 2)
        for sample in samples {
            let raw = UInt32(bitPattern: sample)
            for byte in 0..<bytesPerSample { payload.append(UInt8((raw >> (8 * UInt32(byte))) & 0xFF)) }
        }
        let crc = CRC16CCITTFalse.checksum(payload) ^ crcError
        payload += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        return COBS.encode(payload) + [0]
    }
}
