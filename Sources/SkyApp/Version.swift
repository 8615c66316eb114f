/// The Skywatch release version, printed by `skywatch --version`.
public enum SkywatchVersion {
    /// Semantic version of this build.
    public static let string = "0.1.0"
}
