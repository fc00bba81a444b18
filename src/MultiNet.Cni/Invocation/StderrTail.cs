using System.Text;

namespace MultiNet.Cni.Invocation;

/// <summary>Keeps the last few kilobytes of a plugin's stderr, for an error message when stdout says nothing.</summary>
internal sealed class StderrTail(int capacity = 2048)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public void Append(string line)
    {
        lock (_gate)
        {
            _text.Append(line).Append('\n');
            if (_text.Length > capacity)
            {
                _text.Remove(0, _text.Length - capacity);
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString().Trim();
        }
    }
}
