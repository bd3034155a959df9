package io.github.b24sip.camel;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every log line (with its stack trace) of every logger at DEBUG and above, for asserting what never appears. */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level previousRootLevel;

    private CapturedLogs() {
        super("captured", null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        start();
        config.addAppender(this);
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        root.addAppender(this, Level.DEBUG, null);
        config.getLoggers().values().forEach(l -> l.addAppender(this, Level.DEBUG, null));
        context.updateLoggers();
    }

    public static CapturedLogs capture() {
        return new CapturedLogs();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName())
                .append(' ')
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public String all() {
        return String.join("\n", lines);
    }

    public int count() {
        return lines.size();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().setLevel(previousRootLevel);
        config.getLoggers().values().forEach(l -> l.removeAppender(getName()));
        context.updateLoggers();
        stop();
    }
}
