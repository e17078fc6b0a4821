using System.Diagnostics;
using System.Text;

namespace Selah.Server.Infrastructure.Media;

/// <summary>A media tool (ffmpeg, ffprobe) exited with an error; <see cref="Exception.Message"/> is readable, with the tail of stderr.</summary>
public sealed class MediaToolException(string message) : Exception(message);

/// <summary>
/// Runs a command-line tool with an argument list (never a shell string), a timeout and cancellation that kills the
/// process tree. Standard error is captured (its tail goes into the error); standard output goes to a callback.
/// </summary>
public static class ToolProcess
{
    private const int StderrTailChars = 4000;

    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        await RunAsync(fileName, arguments, timeout, async (stdout, ct) =>
        {
            using var reader = new StreamReader(stdout, Encoding.UTF8);
            output.Append(await reader.ReadToEndAsync(ct));
        }, cancellationToken);
        return output.ToString();
    }

    /// <returns>What the tool wrote to stderr (some tools, like ffmpeg's filters, report results there).</returns>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, Func<Stream, CancellationToken, Task> readStdout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaToolException($"{Path.GetFileName(fileName)} could not be started ({e.Message}). Install the Debian package 'ffmpeg'.");
        }

        process.StandardInput.Close();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var stderr = new StringBuilder();
        var stderrTask = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int read;
            while ((read = await process.StandardError.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                lock (stderr)
                {
                    stderr.Append(buffer, 0, read);
                }
            }
        }, CancellationToken.None);

        try
        {
            await readStdout(process.StandardOutput.BaseStream, timeoutSource.Token);
            await process.WaitForExitAsync(timeoutSource.Token);
            await stderrTask;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new MediaToolException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} seconds.");
        }
        catch
        {
            Kill(process);
            throw;
        }

        var errors = stderr.ToString();
        if (process.ExitCode != 0)
        {
            var tail = errors.Length > StderrTailChars ? errors[^StderrTailChars..] : errors;
            throw new MediaToolException($"{Path.GetFileName(fileName)} failed (exit code {process.ExitCode}): {tail.Trim()}");
        }

        return errors;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
