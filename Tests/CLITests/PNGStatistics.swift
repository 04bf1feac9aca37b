import Foundation
import TestSupport

/// Colour statistics of a PNG, decoded by python3's zlib (no image library needed): the IDAT stream
/// is inflated and unfiltered (RFC 2083 filters 0-4), then distinct pixel values are counted.
struct PNGStatistics {
    var width: Int
    var height: Int
    var distinctColours: Int

    /// nil when python3 is absent or the file is not an 8-bit RGB/RGBA PNG.
    init?(_ png: Data) throws {
        guard let python = TestSupport.which("python3") else {
            print("note: python3 not found; PNG colours not inspected")
            return nil
        }
        let file = try TestSupport.temporaryDirectory("png").appendingPathComponent("shot.png")
        try png.write(to: file)
        let script = #"""
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n'
        pos, idat, w = 8, b'', 0
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b'IHDR':
                w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT':
                idat += body
            pos += 12 + n
        assert depth == 8 and ctype in (2, 6)
        bpp = 3 if ctype == 2 else 4
        raw = zlib.decompress(idat)
        stride = w * bpp
        prev = bytearray(stride)
        colours = set()
        for y in range(h):
            f = raw[y * (stride + 1)]
            line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            if y % 4 == 0:
                for x in range(0, stride, bpp * 4):
                    colours.add(bytes(line[x:x + 3]))
            prev = line
        print(w, h, len(colours))
        """#
        let r = try TestSupport.run(python, ["-c", script, file.path])
        let parts = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard r.status == 0, parts.count == 3 else {
            print("note: PNG not decoded: \(r.stderr.suffix(300))")
            return nil
        }
        width = parts[0]
        height = parts[1]
        distinctColours = parts[2]
    }
}
