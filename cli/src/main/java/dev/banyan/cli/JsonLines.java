package dev.banyan.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict reading of JSON Lines, the one way every command reads a line-per-record file: each line is UTF-8
 * (invalid bytes and a byte-order mark are errors), holds exactly one JSON value (a second object or any
 * trailing text is an error, not silently dropped), and no object repeats a key. Every error names the file
 * and the line.
 */
final class JsonLines {
    /** Fails on trailing tokens and duplicate keys; Jackson's defaults already refuse NaN and comments. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLines() {
    }

    /** Receives each non-blank line. */
    interface Handler {
        /**
         * @param lineNumber 1-based
         * @param where {@code FILE line N}, for messages
         */
        void line(int lineNumber, String where, JsonNode value);
    }

    /** Reads every non-blank line of {@code file}; {@code what} names the file in messages ("input", "trees file"). */
    static void read(Path file, String what, Handler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            read(in, file.toString(), handler);
        } catch (NoSuchFileException e) {
            throw new UserError(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " " + file + ": " + IoErrors.reason(e));
        }
    }

    /** Reads every non-blank line of {@code in}; {@code source} names it in messages. */
    static void read(InputStream in, String source, Handler handler) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int lineNumber = 0;
        boolean more = true;
        while (more) {
            line.reset();
            int b;
            while ((b = buffered.read()) != -1 && b != '\n') {
                line.write(b);
            }
            more = b != -1;
            if (!more && line.size() == 0) {
                break;
            }
            lineNumber++;
            String where = source + " line " + lineNumber;
            String text = decode(line.toByteArray(), where, lineNumber);
            if (!text.isBlank()) {
                handler.line(lineNumber, where, parse(text, where));
            }
        }
    }

    /** One line's single JSON value; {@code where} names the file and line in the error. */
    static JsonNode parse(String text, String where) {
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String column = location != null && location.getColumnNr() > 0 ? " at column " + location.getColumnNr() : "";
            throw new UserError(where + ": not valid JSON" + column + " (" + e.getOriginalMessage() + ")");
        }
    }

    /** The line's text; invalid UTF-8 and a leading byte-order mark are errors naming the line and column. */
    static String decode(byte[] bytes, String where, int lineNumber) {
        if (lineNumber == 1 && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            throw new UserError(where + ": starts with a byte-order mark (BOM); save the file as UTF-8 without one");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = Math.min(in.position(), bytes.length - 1);
            throw new UserError(where + ": not UTF-8 text (byte 0x" + String.format("%02X", bytes[at] & 0xFF)
                    + " at byte " + (at + 1) + " of the line)");
        }
        return out.flip().toString();
    }

    /** Wraps an I/O failure while reading, for callers that cannot throw checked exceptions. */
    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException("cannot read " + what + ": " + IoErrors.reason(e), e);
    }
}
