package io.github.dl4jvae.notebooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs a JShell notebook ({@code .jsh} file) non-interactively: the notebook is split into snippets as
 * {@code jshell} would split it, each is evaluated in a separate JVM started by the JShell engine with the given
 * class path and JVM options, and the run stops at the first snippet that is rejected by the compiler, refers to
 * something undefined, or throws. Output of the notebook's code goes to {@code out}; the value of an expression
 * written without a trailing semicolon is printed as jshell prints it ({@code $3 ==> 42}), like the last line of
 * a notebook cell. JShell commands in the file (lines starting
 * with {@code /}, such as {@code /exit}) are skipped, and the imports of jshell's default start-up script are
 * made first, so a notebook runs the same here and in {@code jshell}.
 */
public final class NotebookRunner {
    /** The imports of jshell's DEFAULT start-up script, evaluated first so notebooks see what jshell shows. */
    static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    /**
     * The outcome of a run.
     *
     * @param notebook  the file
     * @param snippets  snippets evaluated (the failing one included)
     * @param failure   null on success, else what went wrong and in which snippet
     * @param seconds   wall time
     */
    public record Result(Path notebook, int snippets, String failure, double seconds) {
        /** Whether every snippet ran. */
        public boolean succeeded() {
            return failure == null;
        }
    }

    private NotebookRunner() {
    }

    /**
     * Runs {@code notebook}.
     *
     * @param classPath  class path of the notebook's code (this project's classes and dependencies)
     * @param jvmOptions options of the JVM that runs the snippets, e.g. {@code -Xmx2g} or {@code -Dnotebook.tiny=true}
     * @param out        where the notebook's output and the runner's messages go
     * @throws IOException if the notebook cannot be read
     */
    public static Result run(Path notebook, String classPath, List<String> jvmOptions, PrintStream out)
            throws IOException {
        String source = Files.readString(notebook, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        List<String> remoteOptions = new ArrayList<>(jvmOptions);
        remoteOptions.add("--class-path");
        remoteOptions.add(classPath);
        int count = 0;
        String failure = null;
        try (JShell shell = JShell.builder().in(InputStream.nullInputStream()).out(out).err(out)
                .compilerOptions("--class-path", classPath)
                .remoteVMOptions(remoteOptions.toArray(new String[0])).build()) {
            for (String packages : DEFAULT_IMPORTS) {
                shell.eval("import " + packages + ";");
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            StringBuilder pending = new StringBuilder();
            for (String line : withoutCommands(source).lines().toList()) {
                pending.append(line).append('\n');
                // Like jshell, a snippet ends at the end of the line where it is complete.
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending.toString());
                while (info.completeness().isComplete() && failure == null) {
                    String snippet = info.source();
                    pending.setLength(0);
                    pending.append(info.remaining());
                    count++;
                    boolean bare = !snippet.strip().endsWith(";");
                    failure = evaluate(shell, snippet, count, bare, out);
                    info = analysis.analyzeCompletion(pending.toString());
                }
                if (failure != null) {
                    break;
                }
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    pending.setLength(0);
                }
            }
            if (failure == null && !pending.toString().isBlank()) {
                failure = "the notebook ends inside an unfinished snippet: " + firstLine(pending.toString());
            }
        }
        return new Result(notebook, count, failure, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Evaluates one snippet, printing the value of an expression written without a semicolon; returns why it
     * failed, or null.
     */
    private static String evaluate(JShell shell, String snippet, int index, boolean showValue, PrintStream out) {
        for (SnippetEvent event : shell.eval(snippet)) {
            String failure = check(shell, event, index);
            if (failure != null) {
                if (event.exception() != null) {
                    event.exception().printStackTrace(out);
                }
                return failure;
            }
            String name = expressionName(event.snippet());
            if (showValue && name != null && event.value() != null && event.causeSnippet() == null) {
                out.println(name + " ==> " + event.value());
            }
        }
        out.flush();
        return null;
    }

    /** The name jshell shows for a bare expression ({@code $3}, or the variable's name), else null. */
    private static String expressionName(Snippet snippet) {
        if (snippet instanceof ExpressionSnippet expression) {
            return expression.name();
        }
        if (snippet instanceof VarSnippet variable && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return variable.name();
        }
        return null;
    }

    /** The reason a snippet event is a failure, or null. */
    private static String check(JShell shell, SnippetEvent event, int index) {
        Snippet snippet = event.snippet();
        if (event.causeSnippet() != null) {
            return null;
        }
        String where = "snippet " + index + " (" + firstLine(snippet.source()) + ")";
        if (event.status() == Snippet.Status.REJECTED) {
            String errors = shell.diagnostics(snippet).filter(Diag::isError)
                    .map(d -> d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                    .collect(Collectors.joining("; "));
            return where + " does not compile: " + errors;
        }
        if (snippet instanceof DeclarationSnippet declaration && (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
            String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            return where + " refers to undefined " + missing;
        }
        JShellException exception = event.exception();
        if (exception != null) {
            String type = exception instanceof EvalException e ? e.getExceptionClassName()
                    : exception.getClass().getSimpleName();
            return where + " threw " + type + ": " + exception.getMessage();
        }
        return null;
    }

    /** The source with JShell commands (lines whose first character is '/' but not a comment) blanked out. */
    static String withoutCommands(String source) {
        return source.lines().map(line -> {
            String t = line.stripLeading();
            return t.startsWith("/") && !t.startsWith("//") && !t.startsWith("/*") ? "" : line;
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String firstLine(String text) {
        return text.strip().lines().filter(l -> !l.isBlank() && !l.strip().startsWith("//")).findFirst()
                .orElse(text.strip()).strip();
    }

    /** The notebooks in {@code directory}, by name without {@code .jsh}. */
    public static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsh"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(Collectors.toList());
        }
    }

    /**
     * {@code bin/notebook}: {@code NotebookRunner DIRECTORY NAME [JVM-OPTION...]}, with the class path in the system
     * property {@code notebook.classpath}. Exits with 0 when the notebook ran, 1 when a snippet failed, 2 on bad use.
     */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length < 1) {
            System.err.println("notebook: usage: NotebookRunner DIRECTORY [NAME [JVM-OPTION...]]");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        if (args.length < 2) {
            out.println("notebooks in " + directory + ": " + String.join(", ", names(directory)));
            return;
        }
        String name = args[1].endsWith(".jsh") ? args[1].substring(0, args[1].length() - 4) : args[1];
        Path notebook = directory.resolve(name + ".jsh");
        if (!Files.isRegularFile(notebook)) {
            System.err.println("notebook: no notebook " + name + " in " + directory + "; expected one of "
                    + names(directory));
            System.exit(2);
        }
        String classPath = System.getProperty("notebook.classpath", System.getProperty("java.class.path"));
        List<String> options = List.of(args).subList(2, args.length);
        Result result = run(notebook, classPath, options, out);
        if (!result.succeeded()) {
            System.err.println("notebook: " + name + ": " + result.failure());
            System.exit(1);
        }
        System.err.printf(Locale.ROOT, "notebook: %s ran %d snippets in %.1f s%n", name, result.snippets(),
                result.seconds());
    }
}
