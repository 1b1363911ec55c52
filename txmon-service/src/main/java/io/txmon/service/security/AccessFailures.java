package io.txmon.service.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused requests (401 and 403) at WARN, at most {@link #LINES_PER_WINDOW} lines per client address in each
 * {@link #WINDOW}: someone trying keys is seen, and cannot flood the log. The first line after a window with
 * suppressed refusals says how many were left out. A key shows only as its {@link ApiKeys#fingerprint fingerprint}.
 */
final class AccessFailures {
    static final int LINES_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses tracked at most; beyond, new addresses share one window, so memory stays bounded under a flood. */
    static final int MAX_ADDRESSES = 10_000;

    private static final String OTHER_ADDRESSES = "other addresses";
    private static final int MAX_PATH_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(AccessFailures.class);

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    AccessFailures(Clock clock) {
        this.clock = clock;
    }

    /** Logs, unless this address has used up its lines, that {@code request} was refused with {@code status}. */
    void refused(HttpServletRequest request, int status, String reason) {
        String address = request.getRemoteAddr();
        long suppressedBefore = admit(address, clock.instant());
        if (suppressedBefore < 0) {
            return;
        }
        String key = ApiKeyFilter.keyOf(request);
        LOG.warn(
                "refused {} {} {} from {} with {}: {}{}",
                status,
                request.getMethod(),
                printable(request.getRequestURI()),
                address,
                key == null ? "no API key" : "API key " + ApiKeys.fingerprint(key) + "...",
                reason,
                suppressedBefore == 0
                        ? ""
                        : " (" + suppressedBefore + " earlier refusals from this address were not logged)");
    }

    /**
     * Counts a refusal from {@code address} at {@code now}: how many refusals went unlogged before this one (0 or
     * more) when it is to be logged, -1 when it is not.
     */
    private synchronized long admit(String address, Instant now) {
        Window window = windows.get(address);
        if (window == null) {
            if (windows.size() >= MAX_ADDRESSES) {
                windows.values().removeIf(w -> w.endedBy(now));
            }
            String bucket = windows.size() >= MAX_ADDRESSES ? OTHER_ADDRESSES : address;
            window = windows.computeIfAbsent(bucket, b -> new Window(now));
        }
        long reported = 0;
        if (window.endedBy(now)) {
            reported = window.suppressed;
            window.start = now;
            window.logged = 0;
            window.suppressed = 0;
        }
        if (window.logged < LINES_PER_WINDOW) {
            window.logged++;
            return reported;
        }
        window.suppressed++;
        return -1;
    }

    /** How many windows are kept: one per address seen lately, at most {@link #MAX_ADDRESSES} and one shared. */
    synchronized int addressesTracked() {
        return windows.size();
    }

    /** The path as the log may show it: control characters (a forged line break) replaced, and cut short. */
    private static String printable(String path) {
        StringBuilder shown = new StringBuilder();
        path.codePoints()
                .limit(MAX_PATH_LENGTH)
                .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return path.length() > MAX_PATH_LENGTH ? shown + "..." : shown.toString();
    }

    /** One address's current window: when it started, the lines logged in it, and the refusals left out. */
    private static final class Window {
        Instant start;
        int logged;
        long suppressed;

        Window(Instant start) {
            this.start = start;
        }

        boolean endedBy(Instant now) {
            return !now.isBefore(start.plus(WINDOW));
        }
    }
}
