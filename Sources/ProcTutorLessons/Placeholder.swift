import CCmark
import Yams
public enum LessonsModule {}
