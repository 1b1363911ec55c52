package io.txmon.service;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** {@code bin/txmon serve}: txmon as a long-lived service over the database the batch commands use. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(TxmonProperties.class)
public class TxmonService {
    public static void main(String[] args) {
        List<String> arguments;
        try {
            arguments = springArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("txmon serve: " + e.getMessage());
            System.err.println("usage: bin/txmon serve [--port N] [--db JDBC-URL]");
            System.exit(2);
            return;
        }
        SpringApplication.run(TxmonService.class, arguments.toArray(String[]::new));
    }

    /** {@code --port N} and {@code --db URL}, as the command line spells them, in Spring's terms. */
    static List<String> springArguments(String[] args) {
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--port") || arg.equals("--db")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                String value = args[++i];
                if (arg.equals("--port") && !value.matches("\\d{1,5}")) {
                    throw new IllegalArgumentException("--port must be a port number, was '" + value + "'");
                }
                spring.add((arg.equals("--port") ? "--server.port=" : "--txmon.db.url=") + value);
            } else if (arg.startsWith("--") && arg.contains("=")) {
                spring.add(arg);
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return spring;
    }
}
