package dev.banyan.engine.template;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Python's {@code strftime} for the codes chat templates use, in the C locale. */
final class Strftime {
    private Strftime() {
    }

    static String format(LocalDateTime t, String format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                sb.append(c);
                continue;
            }
            char code = format.charAt(++i);
            boolean noPad = code == '-' && i + 1 < format.length();
            if (noPad) {
                code = format.charAt(++i);
            }
            String pattern = switch (code) {
                case 'd' -> noPad ? "d" : "dd";
                case 'm' -> noPad ? "M" : "MM";
                case 'H' -> noPad ? "H" : "HH";
                case 'I' -> noPad ? "h" : "hh";
                case 'M' -> noPad ? "m" : "mm";
                case 'S' -> noPad ? "s" : "ss";
                case 'j' -> noPad ? "D" : "DDD";
                case 'y' -> "yy";
                case 'Y' -> "yyyy";
                case 'b', 'h' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'p' -> "a";
                default -> null;
            };
            if (pattern != null) {
                sb.append(DateTimeFormatter.ofPattern(pattern, Locale.US).format(t));
            } else if (code == '%') {
                sb.append('%');
            } else {
                sb.append('%').append(noPad ? "-" : "").append(code);
            }
        }
        return sb.toString();
    }
}
