package dev.parley.call;

import dev.parley.protocol.MessageType;

/**
 * What a call does to media payloads on their way out and in: nothing, or end-to-end encryption that the relay
 * cannot undo. A null result means the frame is not sent (sealing) or is dropped (opening), and the protection
 * counts why.
 */
public interface MediaProtection {
    /** Payloads travel as they are. */
    MediaProtection NONE = new MediaProtection() {
        @Override
        public byte[] seal(MessageType type, int stream, String codec, byte[] payload) {
            return payload;
        }

        @Override
        public byte[] open(MessageType type, int stream, String codec, byte[] payload, String senderName) {
            return payload;
        }

        @Override
        public String sealText(String text) {
            return text;
        }

        @Override
        public String openText(String text, String senderName) {
            return text;
        }
    };

    /** The payload of a VIDEO or AUDIO frame this participant sends, or null to send nothing. */
    byte[] seal(MessageType type, int stream, String codec, byte[] payload);

    /** The payload of a VIDEO or AUDIO frame as the codec wants it, or null to drop the frame. */
    byte[] open(MessageType type, int stream, String codec, byte[] payload, String senderName);

    /** A chat line as it goes on the wire (valid UTF-8), or null while it cannot be sealed yet. */
    String sealText(String text);

    /** A chat line from the wire as people read it. */
    String openText(String text, String senderName);
}
