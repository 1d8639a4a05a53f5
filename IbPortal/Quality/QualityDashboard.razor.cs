using IbPortal.Domain.Access;
using IbPortal.Domain.Quality;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Microsoft.Extensions.Logging;
using SchoolYear = IbPortal.Domain.Organisation.SchoolYear;

namespace IbPortal.Quality;

public partial class QualityDashboard
{
    [SupplyParameterFromQuery(Name = "weergave")] public string? Weergave { get; set; }
    [SupplyParameterFromQuery(Name = "bestuur")] public string? Bestuur { get; set; }
    [SupplyParameterFromQuery(Name = "scholen")] public string? Scholen { get; set; }
    [SupplyParameterFromQuery(Name = "jaar")] public string? Jaar { get; set; }
    [SupplyParameterFromQuery(Name = "van")] public string? Van { get; set; }
    [SupplyParameterFromQuery(Name = "tot")] public string? Tot { get; set; }

    private TrendFilter _filter = TrendFilter.Default;
    private TrendScope? _scope;
    private string? _error;
    private string? _loadError;
    private string? _loadedUrl;
    private string? _loadingUrl;
    private bool _loading;
    private int _generation;
    private TrendPeriod? _period;

    private (ConcernTrend Current, ConcernTrend Previous, ConcernTrend All)? _concerns;
    private (CareSpeed Current, CareSpeed Previous)? _speed;
    private SupportLevelTrend? _levels;
    private EvaluationTrend? _evaluations;
    private VisitCoverageTrend? _coverage;
    private (ConsentTrend Current, ConsentTrend Previous)? _consents;

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);

    /// <summary>The board in the URL when the viewer reaches it.</summary>
    private int? BoardId => _filter.BoardId is { } b && _scope?.Boards.Any(x => x.Id == b) == true ? b : null;

    protected override async Task OnParametersSetAsync()
    {
        _filter = TrendFilter.Parse(Weergave, Bestuur, Scholen, Jaar, Van, Tot);
        if (_scope is null)
        {
            _error = null;
            try
            {
                _scope = await Trends.GetScopeAsync();
            }
            catch (AccessDeniedException)
            {
                _error = "Dit overzicht is er voor de kwaliteitscoördinator, de directie en de intern begeleider. " +
                         "Wil je iets weten over je eigen groep? Kijk op je startpagina, of vraag het je intern begeleider.";
                return;
            }
            catch (DomainException ex)
            {
                _error = ex.Message;
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or a timeout: say so in Dutch and leave the scope unloaded, so the next navigation tries again.
                Logger.LogError(ex, "Quality view scope could not be loaded for schools {SchoolIds}, board {BoardId}, school year {SchoolYear}",
                    _filter.SchoolIds, _filter.BoardId, _filter.SchoolYear);
                _error = "De cijfers konden niet worden geladen. Probeer het zo nog eens.";
                return;
            }
        }

        // Loaded once per URL; a load that failed is tried again on the next navigation (also to the same URL).
        var url = _filter.ToUrl();
        if (url == _loadedUrl || (_loading && url == _loadingUrl))
            return;
        _loadingUrl = url;
        _loadedUrl = null;
        if (await LoadViewAsync())
            _loadedUrl = url;
    }

    /// <summary>
    /// Loads the active view's figures only (the calls of the bench, issue 6 briefing). True when this load's figures are
    /// shown; false when it failed (a Dutch message instead, logged with ids) or a newer load took over.
    /// </summary>
    private async Task<bool> LoadViewAsync()
    {
        var scope = _scope!;
        var generation = ++_generation;
        var year = _filter.YearIn(scope);
        var (from, to) = _filter.PeriodIn(year);
        var wholeYear = from == SchoolYear.StartDateOf(year) && to == SchoolYear.EndDateOf(year);
        var schools = _filter.SchoolsIn(scope);
        IReadOnlyCollection<int>? ids = _filter.SchoolIds is null ? null : schools.Select(s => s.Id).ToList();
        var board = BoardId;
        var current = new TrendQuery(ids, year, wholeYear ? null : from, wholeYear ? null : to, board);
        // The last day with figures: today when the period runs on. Last year is compared up to the same day, so that a
        // year that has just begun is not set against a whole year.
        var shownTo = to > Today && Today >= from ? Today : to;
        var previous = new TrendQuery(ids, year - 1,
            wholeYear ? null : from.AddYears(-1),
            wholeYear && shownTo == to ? null : shownTo.AddYears(-1),
            board);
        // Levels, evaluations and coverage show whole school years: the selected one (up to today if it runs on) and the
        // previous one up to the same day a year earlier (its levels on that day), so that this year so far is not set
        // against a whole year.
        var yearRunsOn = SchoolYear.EndDateOf(year) > Today && Today >= SchoolYear.StartDateOf(year);
        var wholeCurrent = new TrendQuery(ids, year, null, null, board);
        var wholePrevious = new TrendQuery(ids, year - 1, null, yearRunsOn ? SameDayAYearEarlier(Today) : null, board);

        _period = new TrendPeriod(year, from, shownTo);
        _loadError = null;
        _concerns = null;
        _speed = null;
        _levels = null;
        _evaluations = null;
        _coverage = null;
        _consents = null;
        _loading = true;
        try
        {
            switch (_filter.View)
            {
                case TrendView.Signaleringen:
                    var c1 = await Trends.GetConcernTrendAsync(current);
                    var c2 = await Trends.GetConcernTrendAsync(previous);
                    var c3 = await Trends.GetConcernTrendAsync(new TrendQuery(ids, null, null, null, board));
                    if (generation == _generation)
                        _concerns = (c1, c2, c3);
                    break;
                case TrendView.Snelheid:
                    var s1 = await Trends.GetCareSpeedAsync(current);
                    var s2 = await Trends.GetCareSpeedAsync(previous);
                    if (generation == _generation)
                        _speed = (s1, s2);
                    break;
                case TrendView.Niveaus:
                    var l1 = await Trends.GetSupportLevelsAsync(wholePrevious);
                    var l2 = await Trends.GetSupportLevelsAsync(wholeCurrent);
                    if (generation == _generation)
                        _levels = l2 with { SchoolYears = [.. l1.SchoolYears, .. l2.SchoolYears] };
                    break;
                case TrendView.Evaluaties:
                    var e1 = await Trends.GetEvaluationsAsync(wholePrevious);
                    var e2 = await Trends.GetEvaluationsAsync(wholeCurrent);
                    if (generation == _generation)
                        _evaluations = e2 with { SchoolYears = [.. e1.SchoolYears, .. e2.SchoolYears] };
                    break;
                case TrendView.Bezoeken:
                    var v1 = await Trends.GetVisitCoverageAsync(wholePrevious);
                    var v2 = await Trends.GetVisitCoverageAsync(wholeCurrent);
                    if (generation == _generation)
                        _coverage = v2 with { SchoolYears = [.. v1.SchoolYears, .. v2.SchoolYears] };
                    break;
                case TrendView.Toestemming:
                    var t1 = await Trends.GetConsentsAsync(current);
                    var t2 = await Trends.GetConsentsAsync(previous);
                    if (generation == _generation)
                        _consents = (t1, t2);
                    break;
                case TrendView.Bootsignaal:
                    break; // the panel reads the boat signals itself
            }
        }
        catch (DomainException ex)
        {
            if (generation != _generation)
                return false; // a newer filter is loading; this answer no longer matters
            _loadError = ex is AccessDeniedException
                ? "Deze scholen vallen niet onder jouw overzicht. Kies een andere school, of open het overzicht opnieuw via het menu."
                : ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database or a timeout: say so in Dutch, keep the page (and the circuit) alive, try again next time.
            Logger.LogError(ex, "Quality view {View} could not be loaded for {SchoolCount} schools in school year {SchoolYear}",
                _filter.View, schools.Count, year);
            if (generation != _generation)
                return false;
            _loadError = "De cijfers konden niet worden geladen. Probeer het zo nog eens.";
            return false;
        }
        finally
        {
            if (generation == _generation)
                _loading = false;
        }

        return generation == _generation;
    }

    /// <summary>The same day a year earlier (29 Feb: 28 Feb).</summary>
    internal static DateOnly SameDayAYearEarlier(DateOnly day) => day.AddYears(-1);

    private static IEnumerable<int> YearsOf(TrendScope scope) =>
        scope.SchoolYears.Append(scope.CurrentSchoolYear).Distinct().OrderDescending();

    private string SelectionText(IReadOnlyList<TrendSchool> schools, int year)
    {
        var names = schools.Count == 0 ? "geen scholen" : string.Join(", ", schools.Select(s => s.Name));
        if (_filter.View == TrendView.Bootsignaal)
            return $"Open bootsignalen nu · {names}";
        var (from, to) = _filter.PeriodIn(year);
        var explicitPeriod = from != SchoolYear.StartDateOf(year) || to != SchoolYear.EndDateOf(year);
        var name = SchoolYear.NameOf(year);
        var previous = SchoolYear.NameOf(year - 1);
        string text;
        if (_filter.View is TrendView.Niveaus or TrendView.Evaluaties or TrendView.Bezoeken || _period is null)
            text = (SchoolYear.EndDateOf(year) > Today && Today >= SchoolYear.StartDateOf(year)
                       ? $"Schooljaar {name} tot en met vandaag, naast {previous} tot en met dezelfde dag"
                       : $"Schooljaar {name} naast {previous}")
                   + (explicitPeriod ? " (deze weergave toont hele schooljaren)" : "");
        else if (explicitPeriod)
            text = $"{Day(_period.From)} t/m {(_period.To < to ? "vandaag" : Day(_period.To))} ({name}), naast dezelfde periode in {previous}";
        else if (_period.To < to)
            text = $"Schooljaar {name} tot en met vandaag, naast dezelfde periode in {previous}";
        else
            text = $"Schooljaar {name} naast {previous}";
        return $"{text} · {names}";
    }

    private string Day(DateOnly date) => Domain.Care.DutchDates.OnScreen(date, Today);

    private string ViewUrl(TrendView view) => (_filter with { View = view }).ToUrl();

    private void Go(TrendFilter filter) => Navigation.NavigateTo(filter.ToUrl());

    private void OnBoardChanged(int? board) => Go(_filter with { BoardId = board, SchoolIds = null });

    private void OnYearChanged(int year) => Go(_filter with { SchoolYear = year, From = null, To = null });

    private void OnFromChanged(DateOnly? from) => Go(_filter with { From = from });

    private void OnToChanged(DateOnly? to) => Go(_filter with { To = to });

    private void ClearPeriod() => Go(_filter with { From = null, To = null });

    /// <summary>All schools (or none) selected means the default: every school of the board, left out of the URL.</summary>
    private void OnSchoolsChanged(IReadOnlyCollection<int> selected)
    {
        var inBoard = _scope!.Schools.Where(s => BoardId is null || s.BoardId == BoardId).Select(s => s.Id).ToList();
        var chosen = inBoard.Where(selected.Contains).ToList();
        Go(_filter with { SchoolIds = chosen.Count == 0 || chosen.Count == inBoard.Count ? null : chosen });
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
