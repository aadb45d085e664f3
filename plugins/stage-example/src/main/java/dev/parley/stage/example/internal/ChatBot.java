package dev.parley.stage.example.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.ParticipantConnector;
import java.time.LocalTime;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 6's own component: a participant named {@code bot-NAME} that joins the user's room through the same
 * {@link ParticipantConnector} every client uses and answers each chat line. It is not registered as a
 * {@link Call}, so the user's views keep showing the user's own call.
 */
@Component(configurationPid = BotConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = BotConfig.class)
public final class ChatBot implements CallListener {
    private static final Logger LOG = LoggerFactory.getLogger(ChatBot.class);

    private final Call call;
    private final Answers answers = new Answers(LocalTime::now);

    @Activate
    public ChatBot(@Reference ParticipantConnector connector, @Reference MediaBus bus, BotConfig config) {
        String name = "bot-" + config.name();
        call = connector.connect(new ConnectOptions(config.server(), config.port(), name, config.room(),
                new ConnectOptions.Security(config.tls(), config.trust(), "", false)), bus);
        call.addListener(this);
        LOG.info("{} joins room {} on {}:{}", name, config.room(), config.server(), config.port());
    }

    @Override
    public void chat(ChatMessage message) {
        if (message.self()) return;
        String answer = answers.to(message.senderName(), message.text());
        if (answer != null) call.say(answer);
    }

    @Deactivate
    void deactivate() {
        call.removeListener(this);
        call.leave();
    }
}
