extension KeyedDecodingContainer {
    /// Overwrites `value` with the value for `key` when the key is present; leaves the default otherwise.
    /// Lets a configuration file give any subset of the parameters.
    func decodeIfPresent<T: Decodable>(into value: inout T, forKey key: Key) throws {
        if let v = try decodeIfPresent(T.self, forKey: key) { value = v }
    }
}
