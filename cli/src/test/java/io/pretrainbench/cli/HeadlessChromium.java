package io.pretrainbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, {@code java.net.http}): opens a page,
 * collects what the page reports as errors (console errors, uncaught exceptions, error log entries such as a resource
 * that failed to load), evaluates JavaScript in it and takes a full-page screenshot. Installed by {@code bin/setup}.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket, Listener listener) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank"))
                .get("targetId")
                .asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId")
                .asText();
        for (String domain : List.of("Runtime", "Log", "Page")) {
            call(session, domain + ".enable", Map.of());
        }
    }

    /**
     * Starts Chromium with a fresh profile. The flags keep it off the network (no component updates, sync or background
     * requests: this machine has none) and give it a fixed window.
     */
    static HeadlessChromium start(int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--hide-scrollbars",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String url = null;
        List<String> stderr = new ArrayList<>();
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String line; url == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
            stderr.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
        }
        if (url == null) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "chromium did not open its DevTools port; its output:\n" + String.join("\n", stderr));
        }
        // Keep draining stderr so that Chromium never blocks on a full pipe.
        Thread drain = new Thread(() -> err.lines().forEach(line -> {}), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(URI.create(url), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return new HeadlessChromium(process, profile, socket, listener);
    }

    /**
     * {@code HeadlessChromium PAGE.html OUT.png}: a full-page screenshot of a page at a 1200-pixel-wide window, as the
     * README's report screenshot was taken; fails if the page reports errors.
     */
    public static void main(String[] args) throws Exception {
        try (HeadlessChromium chromium = start(1200, 900)) {
            chromium.open(Path.of(args[0]).toAbsolutePath());
            Files.write(Path.of(args[1]), chromium.fullPageScreenshot());
            if (!chromium.errors().isEmpty()) {
                throw new IllegalStateException("the page reported errors: " + chromium.errors());
            }
        }
    }

    /** Navigates to {@code page} and waits for its load event. */
    void open(Path page) throws Exception {
        loaded = new CompletableFuture<>();
        JsonNode result =
                call(session, "Page.navigate", Map.of("url", page.toUri().toString()));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException(
                    "cannot open " + page + ": " + result.get("errorText").asText());
        }
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // A late load event of the initial about:blank could complete the wait early: confirm the page itself is
        // loaded.
        String want = "complete " + page.toUri();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String state = "";
        while (!(state = evaluate("document.readyState + ' ' + location.href").asText()).equals(want)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("page not loaded after " + TIMEOUT + ": " + state);
            }
            Thread.sleep(50);
        }
    }

    /** Console errors, uncaught exceptions and error-level log entries reported since start, one line each. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** The value of a JavaScript expression in the page (which must be JSON-serialisable). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /** A PNG of the whole page, not just the window, at one CSS pixel per pixel. */
    byte[] fullPageScreenshot() throws Exception {
        JsonNode size = call(session, "Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of(
                "x",
                0,
                "y",
                0,
                "width",
                size.get("width").asDouble(),
                "height",
                size.get("height").asDouble(),
                "scale",
                1);
        JsonNode shot = call(
                session,
                "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        return Base64.getDecoder().decode(shot.get("data").asText());
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private void receive(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")
                        || params.path("type").asText().equals("assert")) {
                    errors.add("console." + params.path("type").asText() + ": " + params.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            }
            default -> {}
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception alreadyGone) {
            // the process is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Joins fragmented text frames (a screenshot spans many) and hands each whole message on. */
    private static final class Listener implements WebSocket.Listener {
        volatile HeadlessChromium owner;
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    owner.receive(JSON.readTree(text));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON from DevTools: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
