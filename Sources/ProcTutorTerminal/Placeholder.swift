import CNcursesShim
public enum TerminalModule {}
