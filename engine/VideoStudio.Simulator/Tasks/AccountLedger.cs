namespace VideoStudio.Simulator.Tasks;

/// <summary>The account balance in USD; a task is charged its estimated price when accepted.</summary>
internal sealed class AccountLedger(SimulatorOptions options)
{
    private readonly Lock gate = new();
    private decimal balance = options.InitialBalanceUsd;

    public decimal Balance
    {
        get
        {
            lock (gate)
            {
                return balance;
            }
        }
    }

    /// <summary>Charges <paramref name="usd"/> when the balance covers it.</summary>
    public bool TryCharge(decimal usd)
    {
        lock (gate)
        {
            if (balance < usd)
            {
                return false;
            }

            balance -= usd;
            return true;
        }
    }
}
