package dev.fastpath.nodeagent.cni;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The agent's CNI log lines (System.Logger "dev.fastpath.nodeagent.cni", backed by java.util.logging) while open. */
final class LogCapture implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.fastpath.nodeagent.cni");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines containing every one of {@code parts}. */
    List<String> matching(String... parts) {
        return lines.stream().filter(l -> java.util.Arrays.stream(parts).allMatch(l::contains)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
