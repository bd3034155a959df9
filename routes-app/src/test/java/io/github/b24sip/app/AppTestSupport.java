package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.simulator.bitrix.SipLineView;
import io.github.b24sip.simulator.journal.JournalEntry;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the app's tests share: the inbox, reading reports, and the simulator's view of the portals. */
public abstract class AppTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Duration WAIT = Duration.ofSeconds(60);

    /** A request to /api/* with the configured bearer token. */
    protected static RequestSpecification api() {
        return RestAssured.given().header("Authorization", "Bearer " + SimulatorResource.API_TOKEN);
    }

    protected static Path inbox() {
        return SimulatorResource.workDir().resolve("inbox");
    }

    /** A name no other test (or earlier run in this JVM) uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Writes the file beside the inbox under a hidden name, then moves it in whole, as a careful user would. */
    protected static void drop(String name, String content) {
        try {
            Files.createDirectories(inbox());
            Path staging = inbox().resolve("." + name + ".part");
            Files.writeString(staging, content, StandardCharsets.UTF_8);
            Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the app has moved the file out of the inbox, to done/ or error/. */
    protected static Path awaitMoved(String name, String to) {
        Path target = inbox().resolve(to).resolve(name);
        await().atMost(WAIT).until(() -> Files.exists(target) && !Files.exists(inbox().resolve(name)));
        return target;
    }

    protected static JsonNode report(String name) {
        Path json = inbox().resolve("reports").resolve(name + ".report.json");
        await().atMost(WAIT).until(() -> Files.exists(json));
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static List<SipLineView> linesStartingWith(String portal, String prefix) {
        return SimulatorResource.portal(portal).lines().stream()
                .filter(l -> l.title().startsWith(prefix))
                .toList();
    }

    protected static long writesTo(String portal) {
        return SimulatorResource.simulator().journal().count(e -> e.target().equals(portal) && isWrite(e));
    }

    private static boolean isWrite(JournalEntry e) {
        return e.ran("voximplant.sip.add") || e.ran("voximplant.sip.update") || e.ran("voximplant.sip.delete");
    }
}
