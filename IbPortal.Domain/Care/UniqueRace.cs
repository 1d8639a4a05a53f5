using IbPortal.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace IbPortal.Domain.Care;

/// <summary>
/// A rule such as "one active plan per pupil and school" is checked before saving and guarded by a unique index. When
/// two saves race, the index refuses the second; this turns that refusal into the rule's own Dutch message.
/// </summary>
public static class UniqueRace
{
    /// <summary>
    /// Runs <paramref name="save"/>. When it fails and <paramref name="conflictExistsNow"/> (asked on a fresh context, as
    /// the failed one may be unusable) finds the record that won, throws <paramref name="message"/>; otherwise rethrows.
    /// </summary>
    public static async Task SaveAsync(Func<Task> save, Func<Task<bool>> conflictExistsNow, string message)
    {
        try
        {
            await save();
        }
        catch (DbUpdateException ex)
        {
            if (await conflictExistsNow())
                throw new DomainException(message, ex);
            throw;
        }
    }
}
