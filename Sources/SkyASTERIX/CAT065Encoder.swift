public import SkyModel

/// Builds CAT065 1.3 SDPS service status messages and CAT063 1.3 sensor status messages.
public enum CAT065Encoder {
    /// I065/000 message types.
    public enum MessageType: UInt8, Sendable { case sdpsStatus = 1, endOfBatch = 2, serviceStatusReport = 3 }

    /// An end-of-batch message (I065/000 = 2) closing update cycle `batch` (I065/020, modulo 256) at `time`.
    public static func endOfBatch(sdps: SensorID, service: UInt8 = 1, time: Double, batch: Int) -> ItemSlots {
        var m = ItemSlots(category: 65)
        m.set(1, octets: UInt64(sdps.packed), count: 2)
        m.set(2, octets: UInt64(MessageType.endOfBatch.rawValue), count: 1)
        m.set(3, octets: UInt64(service), count: 1)
        m.set(4, octets: UInt64(ASTERIXTime.timeOfDay128(unixSeconds: time)), count: 3)
        m.set(5, octets: UInt64(UInt8(truncatingIfNeeded: batch)), count: 1)
        return m
    }

    /// An SDPS status message (I065/000 = 1) with I065/040 NOGO (0 operational, 1 degraded, 2 not currently
    /// connected) and the overload flag.
    public static func sdpsStatus(
        sdps: SensorID,
        service: UInt8 = 1,
        time: Double,
        nogo: UInt8,
        overload: Bool
    )
        -> ItemSlots
    {
        var m = ItemSlots(category: 65)
        m.set(1, octets: UInt64(sdps.packed), count: 2)
        m.set(2, octets: UInt64(MessageType.sdpsStatus.rawValue), count: 1)
        m.set(3, octets: UInt64(service), count: 1)
        m.set(4, octets: UInt64(ASTERIXTime.timeOfDay128(unixSeconds: time)), count: 3)
        m.set(6, octets: UInt64((nogo & 3) << 6 | (overload ? 0x20 : 0)), count: 1)
        return m
    }
}

/// Builds CAT063 1.3 sensor status messages (what the SDPS knows of each contributing sensor).
public enum CAT063Encoder {
    /// Sensor connection status, I063/060 CON.
    public enum Connection: UInt8, Sendable { case operational = 0, degraded = 1, initialisation = 2, notConnected = 3 }

    /// A status message for `sensor` at `time`: I063/010, 015, 030 (1/128 s), 050 (sensor SAC/SIC), 060 CON.
    public static func sensorStatus(
        sdps: SensorID,
        service: UInt8 = 1,
        time: Double,
        sensor: SensorID,
        connection: Connection
    ) -> ItemSlots {
        var m = ItemSlots(category: 63)
        m.set(1, octets: UInt64(sdps.packed), count: 2)
        m.set(2, octets: UInt64(service), count: 1)
        m.set(3, octets: UInt64(ASTERIXTime.timeOfDay128(unixSeconds: time)), count: 3)
        m.set(4, octets: UInt64(sensor.packed), count: 2)
        m.set(5, octets: UInt64(connection.rawValue) << 6, count: 1)
        return m
    }
}
