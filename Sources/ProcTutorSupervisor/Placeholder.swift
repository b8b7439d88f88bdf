public enum SupervisorModule {}
