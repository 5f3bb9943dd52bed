#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The few libm functions signal code needs, so that no other file depends on the platform C library.
public enum Trigonometry {
    public static func sin(_ x: Double) -> Double {
        #if canImport(Darwin)
        Darwin.sin(x)
        #elseif canImport(Glibc)
        Glibc.sin(x)
        #else
        Musl.sin(x)
        #endif
    }

    public static func cos(_ x: Double) -> Double {
        #if canImport(Darwin)
        Darwin.cos(x)
        #elseif canImport(Glibc)
        Glibc.cos(x)
        #else
        Musl.cos(x)
        #endif
    }

    public static func pow(_ x: Double, _ y: Double) -> Double {
        #if canImport(Darwin)
        Darwin.pow(x, y)
        #elseif canImport(Glibc)
        Glibc.pow(x, y)
        #else
        Musl.pow(x, y)
        #endif
    }
}
