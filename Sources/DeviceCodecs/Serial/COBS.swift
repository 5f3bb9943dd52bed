/// Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999): removes every 0x00 so that 0x00 can delimit frames.
public enum COBS {
    /// The encoded frame without its 0x00 delimiter; append one when writing a stream.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var encoded: [UInt8] = [0]
        encoded.reserveCapacity(bytes.count + bytes.count / 254 + 2)
        var codeIndex: Int? = 0
        var code: UInt8 = 1
        for (index, byte) in bytes.enumerated() {
            if byte != 0 {
                encoded.append(byte)
                code += 1
            }
            // A zero ends a block, and so do 254 data bytes (code 0xFF), which imply no zero after them.
            guard byte == 0 || code == 0xFF else { continue }
            if let codeIndex { encoded[codeIndex] = code }
            code = 1
            // A full block at the very end needs no empty block after it: the canonical encoding.
            if byte == 0 || index < bytes.count - 1 {
                codeIndex = encoded.count
                encoded.append(0)
            } else {
                codeIndex = nil
            }
        }
        if let codeIndex { encoded[codeIndex] = code }
        return encoded
    }

    /// One frame without its delimiter back to the original bytes; nil when it is no valid encoding
    /// (a code byte running past the end, or a 0x00 inside).
    public static func decode(_ encoded: [UInt8]) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            let code = Int(encoded[index])
            let end = index + code
            guard code != 0, end <= encoded.count else { return nil }
            for position in (index + 1)..<end {
                let byte = encoded[position]
                guard byte != 0 else { return nil }
                decoded.append(byte)
            }
            index = end
            if code != 0xFF, index < encoded.count { decoded.append(0) }
        }
        return decoded
    }
}
