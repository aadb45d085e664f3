package dev.parley.api.call;

/**
 * One chat line.
 *
 * @param sender     participant number of the author
 * @param senderName the author's name
 * @param text       the line
 * @param timeMicros when it was written, on this machine's wall clock (µs since the epoch)
 * @param self       whether the local participant wrote it
 */
public record ChatMessage(int sender, String senderName, String text, long timeMicros, boolean self) {
    @Override
    public String toString() {
        return sender + " " + senderName + ": " + text;
    }
}
