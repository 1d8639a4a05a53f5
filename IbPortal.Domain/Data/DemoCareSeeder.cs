using IbPortal.Domain.Concerns;
using IbPortal.Domain.Discussions;
using IbPortal.Domain.Organisation;
using IbPortal.Domain.Parents;
using IbPortal.Domain.Partnership;
using IbPortal.Domain.Pupils;
using IbPortal.Domain.Staff;
using IbPortal.Domain.Support;

namespace IbPortal.Domain.Data;

/// <summary>
/// The pupil care of the demo board, so that every state has an example. In the two demo teachers' groups: guardians
/// for every pupil, support levels with their history, HGW plans with evaluations (one due, one overdue), an OPP with
/// its yearly evaluation due, consents in every state (requested, given, refused, withdrawn, expired), an external
/// observation, parent conversations (held and planned), referrals in every status, and discussions (held with action
/// items — one overdue —, planned this week, cancelled). Dates are relative to the seeding day.
/// </summary>
internal static class DemoCareSeeder
{
    private static readonly System.Globalization.CultureInfo Dutch = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    private static readonly string[] ParentFirstNames =
        ["Sandra", "Mehmet", "Linda", "Peter", "Fatima", "Jeroen", "Esther", "Youssef", "Monique", "Rik", "Ayşe", "Marco"];

    public sealed record Context(
        DateTime UtcNow,
        StaffMember CareCoordinator,
        StaffMember TeacherA,
        StaffMember TeacherB,
        Group MainGroupA,
        Group MainGroupB,
        IReadOnlyList<Group> AllGroups);

    public static void Seed(PortalDbContext db, Context c)
    {
        var random = new Random(4242);
        var now = c.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var ib = c.CareCoordinator;

        // Guardians for every pupil of the two demo teachers' groups: one or two, usually both with parental authority.
        // (Other groups start without, so that adding a guardian can be tried too.)
        var guardians = new Dictionary<Pupil, List<Guardian>>();
        foreach (var group in new[] { c.MainGroupA, c.MainGroupB })
            foreach (var pupil in group.Enrolments.Select(e => e.Pupil!))
            {
                var list = new List<Guardian>();
                var two = random.Next(4) != 0;
                list.Add(NewGuardian(pupil, group.School!, random, "moeder", authority: true, now));
                if (two)
                    list.Add(NewGuardian(pupil, group.School!, random, random.Next(5) == 0 ? "stiefvader" : "vader",
                        authority: random.Next(5) != 0, now));
                db.Guardians.AddRange(list);
                guardians[pupil] = list;
            }

        // The care pupils: pupils with concerns in the demo teachers' groups first (the story starts with a flag).
        var pupilsA = CarePupils(db, c.MainGroupA);
        var pupilsB = CarePupils(db, c.MainGroupB);
        var schoolA = c.MainGroupA.School!;
        var schoolB = c.MainGroupB.School!;

        Guardian WithAuthority(Pupil p) => guardians[p].First(g => g.HasParentalAuthority);

        // A1: level 3, an active plan with a due and an overdue review, an observation under a valid consent,
        // a conversation held and the next one planned.
        var a1 = pupilsA[0];
        Levels(db, a1, schoolA, ib, now, (2, 42, "Extra instructie in de klas helpt nog onvoldoende."),
            (3, 21, "Besproken in de groepsbespreking: ondersteuning door de IB'er nodig."));
        var plan1 = Plan(db, a1, schoolA, ib, now, today,
            quickWins: ["Dagelijks vijf minuten voorlezen met een maatje.", "Instructie aan de instructietafel vóór de zelfstandige verwerking."],
            goals: [("Leest AVI E4 op niveau.", today.AddDays(5)), ("Leest zelfstandig een prentenboek uit.", today.AddDays(-3))],
            needs: "Heeft korte, herhaalde instructie nodig en succeservaringen bij het lezen.");
        plan1.Goals[0].Evaluations.Add(new GoalEvaluation
        {
            Result = EvaluationResult.Achieved, EvaluatedOn = today.AddDays(-7), Notes = "Loopt goed; voorlezen blijft.",
            EvaluatedBy = ib, RecordedAt = now.AddDays(-7),
        });
        plan1.Goals[2].Evaluations.Add(new GoalEvaluation
        {
            Result = EvaluationResult.PartlyAchieved, EvaluatedOn = today.AddDays(-20), Notes = "Vooruitgang, nog niet stabiel.",
            EvaluatedBy = ib, RecordedAt = now.AddDays(-20),
        });
        var consentA1 = ConsentGiven(db, a1, schoolA, ib, WithAuthority(a1), ConsentPurposes.ExternalExpert, now, decidedDaysAgo: 30,
            expiresOn: today.AddYears(1));
        db.ExternalExpertReports.Add(new ExternalExpertReport
        {
            Pupil = a1, School = schoolA, Kind = ExternalExpertReportKind.Observation, ExpertName = "Drs. M. Verhoeven",
            ExpertRole = "orthopedagoog, Onderwijsadviesbureau De Brug", TookPlaceOn = today.AddDays(-14),
            Findings = "Observatie tijdens de leesles: werkt geconcentreerd bij één-op-één instructie, haakt af bij groepsinstructie.",
            Consent = consentA1, RecordedById = ib.Id, RecordedAt = now.AddDays(-13),
        });
        var held = new ParentConversation
        {
            Pupil = a1, School = schoolA, HeldOn = today.AddDays(-10),
            ParentExpectations = "Ouders willen weten hoe ze thuis kunnen helpen met lezen.",
            SchoolExpectations = "Samen afspreken wat thuis en op school gebeurt.",
            Agenda = "1. Hoe gaat het thuis en op school\n2. Het plan\n3. Afspraken",
            Discussed = "Ouders herkennen het beeld; lezen thuis is een strijd geworden.",
            AgreedGoals = "Thuis samen lezen zonder druk, tien minuten per dag.",
            NextOn = today.AddDays(21), RecordedById = ib.Id, CreatedAt = now.AddDays(-12), UpdatedAt = now.AddDays(-10),
        };
        held.LinkedGoals.Add(new ParentConversationGoal { Goal = plan1.Goals[2] });
        db.ParentConversations.Add(held);
        db.ParentConversations.Add(new ParentConversation
        {
            Pupil = a1, School = schoolA, HeldOn = today.AddDays(21),
            ParentExpectations = "Ouders vragen of een leesonderzoek nodig is.", SchoolExpectations = "Evaluatie van de leesdoelen.",
            RecordedById = ib.Id, CreatedAt = now.AddDays(-2), UpdatedAt = now.AddDays(-2),
        });

        // A2: level 4 with an OPP whose yearly evaluation is due, both consents given, a referral submitted and an
        // earlier consultation decided.
        var a2 = pupilsA[1];
        Levels(db, a2, schoolA, ib, now, (2, 400, "Extra ondersteuning in de klas."), (3, 380, "Ondersteuning door de IB'er."));
        var consentA2 = ConsentGiven(db, a2, schoolA, ib, WithAuthority(a2), ConsentPurposes.ExternalExpert, now, decidedDaysAgo: 370, expiresOn: null);
        db.SupportLevelChanges.Add(new SupportLevelChange
        {
            Pupil = a2, School = schoolA, Level = 4, PreviousLevel = 3, Reason = "Onderzoek door de orthopedagoog, met toestemming van de ouders.",
            ChangedAt = now.AddDays(-360), ChangedBy = ib, ConsentId = consentA2.Id,
        });
        db.DevelopmentPlans.Add(new DevelopmentPlan
        {
            Pupil = a2, School = schoolA, Reason = DevelopmentPlanReason.SupportLevel,
            Perspective = "Uitstroomperspectief vmbo basis/kader; rekenen op eigen leerlijn vanaf niveau eind groep 4.",
            AgreedWithParentsOn = today.AddYears(-1).AddDays(10), NextEvaluationOn = today.AddDays(10),
            CreatedAt = now.AddDays(-360), CreatedBy = ib, UpdatedAt = now.AddDays(-355),
        });
        Plan(db, a2, schoolA, ib, now, today,
            quickWins: ["Rekenen met concreet materiaal op de eigen leerlijn."],
            goals: [("Beheerst de tafels van 1 t/m 5.", today.AddDays(30))],
            needs: "Heeft concreet materiaal en een eigen leerlijn nodig, en vaste momenten van instructie.");
        var sharingA2 = ConsentGiven(db, a2, schoolA, ib, WithAuthority(a2), ConsentPurposes.PartnershipSharing, now, decidedDaysAgo: 60,
            expiresOn: today.AddYears(1));
        db.PartnershipReferrals.Add(Referral(a2, schoolA, ib, now, ReferralKind.Consultation, ReferralStatus.Decided, sharingA2,
            submittedDaysAgo: 55, outcome: ReferralOutcome.AdviceGiven, outcomeNote: "Advies: arrangement aanvragen voor rekenen."));
        db.PartnershipReferrals.Add(Referral(a2, schoolA, ib, now, ReferralKind.ArrangementRequest, ReferralStatus.Submitted, sharingA2,
            submittedDaysAgo: 20));

        // A3: level 3 without a current plan (the dashboard asks for one), consent requested and awaited.
        var a3 = pupilsA[2];
        Levels(db, a3, schoolA, ib, now, (3, 9, "Sociaal-emotionele ondersteuning door de IB'er."));
        db.Consents.Add(new Consent
        {
            Pupil = a3, School = schoolA, Purpose = ConsentPurposes.ExternalExpert, State = ConsentState.Requested,
            RequestedAt = now.AddDays(-6), RequestedById = ib.Id, UpdatedAt = now.AddDays(-6), Note = "Gevraagd in het oudergesprek.",
        });

        // A4: consent given, then withdrawn; back to level 2 after a closed plan.
        var a4 = pupilsA[3];
        Levels(db, a4, schoolA, ib, now, (3, 120, "Gedrag in de klas vraagt een plan."), (2, 15, "Het plan werkt; terug naar ondersteuning in de klas."));
        var closed = Plan(db, a4, schoolA, ib, now, today,
            quickWins: ["Vaste time-outplek afgesproken."], goals: [("Lost conflicten op zonder weg te lopen.", today.AddDays(-20))],
            needs: "Heeft voorspelbaarheid en een vaste plek om tot rust te komen nodig.");
        closed.Status = SupportPlanStatus.Closed;
        closed.ClosedOn = today.AddDays(-15);
        closed.ClosingNote = "Doelen bereikt.";
        closed.Goals[1].Evaluations.Add(new GoalEvaluation
        {
            Result = EvaluationResult.Achieved, EvaluatedOn = today.AddDays(-16), EvaluatedBy = ib, RecordedAt = now.AddDays(-16),
        });
        var withdrawn = ConsentGiven(db, a4, schoolA, ib, WithAuthority(a4), ConsentPurposes.ExternalExpert, now, decidedDaysAgo: 100, expiresOn: null);
        withdrawn.State = ConsentState.Withdrawn;
        withdrawn.WithdrawnOn = today.AddDays(-12);
        withdrawn.Note = "Ouders willen eerst zien hoe het zonder extern onderzoek gaat.";

        // A5: sharing refused; a consultation in draft.
        var a5 = pupilsA[4];
        var refused = new Consent
        {
            Pupil = a5, School = schoolA, Purpose = ConsentPurposes.PartnershipSharing, State = ConsentState.Refused,
            RequestedAt = now.AddDays(-25), RequestedById = ib.Id, Guardian = WithAuthority(a5), DecidedOn = today.AddDays(-18),
            Method = ConsentMethod.InConversation, UpdatedAt = now.AddDays(-18),
        };
        db.Consents.Add(refused);
        db.PartnershipReferrals.Add(Referral(a5, schoolA, ib, now, ReferralKind.Consultation, ReferralStatus.Draft, null, submittedDaysAgo: null));

        // A6: an expired consent.
        var a6 = pupilsA[5];
        ConsentGiven(db, a6, schoolA, ib, WithAuthority(a6), ConsentPurposes.ExternalExpert, now, decidedDaysAgo: 400,
            expiresOn: today.AddDays(-30));

        // B1: level 3 with a plan whose review is due; sharing requested; a TLV request granted earlier and one withdrawn.
        var b1 = pupilsB[0];
        Levels(db, b1, schoolB, ib, now, (3, 60, "Rekenen blijft ver achter ondanks extra instructie."));
        Plan(db, b1, schoolB, ib, now, today,
            quickWins: ["Rekenmuurtje op tafel bij de verwerking."],
            goals: [("Rekent sommen tot 100 met en zonder tiental­overschrijding.", today.AddDays(2))],
            needs: "Heeft visuele ondersteuning en extra oefentijd nodig.");
        db.Consents.Add(new Consent
        {
            Pupil = b1, School = schoolB, Purpose = ConsentPurposes.PartnershipSharing, State = ConsentState.Requested,
            RequestedAt = now.AddDays(-3), RequestedById = ib.Id, UpdatedAt = now.AddDays(-3),
        });
        var b2 = pupilsB[1];
        Levels(db, b2, schoolB, ib, now, (3, 500, "Ondersteuning door de IB'er."));
        var consentB2 = ConsentGiven(db, b2, schoolB, ib, WithAuthority(b2), ConsentPurposes.ExternalExpert, now, decidedDaysAgo: 480, expiresOn: null);
        db.SupportLevelChanges.Add(new SupportLevelChange
        {
            Pupil = b2, School = schoolB, Level = 4, PreviousLevel = 3, Reason = "Onderzoek door een externe deskundige.",
            ChangedAt = now.AddDays(-470), ChangedBy = ib, ConsentId = consentB2.Id,
        });
        var sharingB2 = ConsentGiven(db, b2, schoolB, ib, WithAuthority(b2), ConsentPurposes.PartnershipSharing, now, decidedDaysAgo: 200, expiresOn: null);
        db.SupportLevelChanges.Add(new SupportLevelChange
        {
            Pupil = b2, School = schoolB, Level = 5, PreviousLevel = 4, Reason = "Aanvraag toelaatbaarheidsverklaring via het samenwerkingsverband.",
            ChangedAt = now.AddDays(-190), ChangedBy = ib, ConsentId = consentB2.Id,
        });
        var oppB2 = new DevelopmentPlan
        {
            Pupil = b2, School = schoolB, Reason = DevelopmentPlanReason.SupportLevel,
            Perspective = "Uitstroomperspectief praktijkonderwijs; overstap naar het speciaal basisonderwijs voorbereid.",
            AgreedWithParentsOn = today.AddDays(-565), LastEvaluatedOn = today.AddDays(-200), NextEvaluationOn = today.AddDays(165),
            CreatedAt = now.AddDays(-575), CreatedBy = ib, UpdatedAt = now.AddDays(-200),
        };
        oppB2.Evaluations.Add(new DevelopmentPlanEvaluation
        {
            EvaluatedOn = today.AddDays(-200), Notes = "Perspectief blijft passend; ouders en school kiezen samen voor een TLV-aanvraag.",
            EvaluatedBy = ib, RecordedAt = now.AddDays(-200),
        });
        db.DevelopmentPlans.Add(oppB2);
        db.PartnershipReferrals.Add(Referral(b2, schoolB, ib, now, ReferralKind.AdmissionStatementRequest, ReferralStatus.Decided, sharingB2,
            submittedDaysAgo: 150, outcome: ReferralOutcome.Granted, outcomeNote: "TLV sbo toegekend voor twee jaar."));
        db.PartnershipReferrals.Add(Referral(b2, schoolB, ib, now, ReferralKind.ArrangementRequest, ReferralStatus.Withdrawn, null,
            submittedDaysAgo: null));

        Discussions(db, c, pupilsA, pupilsB, now, today);
    }

    private static void Discussions(PortalDbContext db, Context c, List<Pupil> pupilsA, List<Pupil> pupilsB,
        DateTime now, DateOnly today)
    {
        var ib = c.CareCoordinator;
        var groupA = c.MainGroupA;
        var groupB = c.MainGroupB;

        // A group discussion held last week: a light group overview, notes, decisions and action items.
        var group = NewDiscussion(DiscussionKind.GroupDiscussion, groupA, ib, c.TeacherA, AtSchoolHour(now, -7, 14), now);
        group.Status = DiscussionStatus.Held;
        group.HeldAt = now.AddDays(-7).AddHours(1);
        group.Notes = "Rustige groep; rekenen blijft bij een deel achter. Drie leerlingen vragen extra aandacht.";
        group.Decisions = "Rekenen: extra instructiegroep op dinsdag en donderdag. Eén leerling gaat naar de leerlingbespreking.";
        foreach (var (pupil, i) in groupA.Enrolments.Select(e => e.Pupil!).Select((p, i) => (p, i)))
        {
            var row = new DiscussionPupil { Pupil = pupil };
            if (i < 6)
            {
                row.EducationalNeeds = i % 2 == 0 ? "Heeft korte instructie en directe feedback nodig." : "Heeft uitdaging en zelfstandigheid nodig.";
                row.StimulatingFactors = "Betrokken ouders; werkt graag samen.";
                row.HinderingFactors = i % 3 == 0 ? "Snel afgeleid in de grote groep." : null;
            }
            group.Pupils.Add(row);
        }
        group.Agenda.Add(new AgendaItem { Position = 1, Text = "Opbrengsten rekenen en lezen", Source = AgendaSource.Manual, IsDone = true });
        group.Agenda.Add(new AgendaItem { Position = 2, Text = "Sociale veiligheid in de groep", Source = AgendaSource.Manual, IsDone = true });
        group.ActionItems.Add(new ActionItem
        {
            School = groupA.School, Description = "Instructiegroep rekenen inplannen en ouders informeren.", Owner = c.TeacherA,
            DueOn = today.AddDays(-2), CreatedAt = now.AddDays(-7), CreatedById = ib.Id,
        });
        group.ActionItems.Add(new ActionItem
        {
            School = groupA.School, Pupil = pupilsA[0], Description = "Leerlingbespreking plannen.", Owner = ib,
            DueOn = today.AddDays(-5), CreatedAt = now.AddDays(-7), CreatedById = ib.Id, CompletedAt = now.AddDays(-6), CompletedById = ib.Id,
        });
        group.ActionItems.Add(new ActionItem
        {
            School = groupA.School, Pupil = pupilsA[2], Description = "Observatie in de pauze en verslag voor het oudergesprek.", Owner = ib,
            DueOn = today.AddDays(4), CreatedAt = now.AddDays(-7), CreatedById = ib.Id,
        });
        db.Discussions.Add(group);

        // A pupil discussion later this week about the pupil at level 3 without a plan, its agenda from the open concerns.
        var pupilDiscussion = NewDiscussion(DiscussionKind.PupilDiscussion, groupA, ib, c.TeacherA, LaterThisWeek(now), now);
        pupilDiscussion.Pupils.Add(new DiscussionPupil { Pupil = pupilsA[2] });
        var position = 1;
        foreach (var concern in db.Concerns.Local.Where(x => x.Pupil == pupilsA[2] && x.Status != ConcernStatus.Closed))
            pupilDiscussion.Agenda.Add(new AgendaItem
            {
                Position = position++, Source = AgendaSource.OpenConcern, PupilId = pupilsA[2].Id, ConcernId = concern.Id,
                Text = $"Signalering {concern.Area.Label().ToLowerInvariant()} ({concern.RaisedAt.ToString("ddd d MMM", Dutch)})",
            });
        pupilDiscussion.Agenda.Add(new AgendaItem { Position = position, Text = "Plan maken: eerst de quick wins", Source = AgendaSource.Manual });
        db.Discussions.Add(pupilDiscussion);

        var cancelled = NewDiscussion(DiscussionKind.PupilDiscussion, groupA, ib, c.TeacherA, AtSchoolHour(now, -3, 14), now);
        cancelled.Status = DiscussionStatus.Cancelled;
        cancelled.Pupils.Add(new DiscussionPupil { Pupil = pupilsA[3] });
        db.Discussions.Add(cancelled);

        // School B: a pupil discussion tomorrow and a group discussion in three weeks; an overdue item for the teacher.
        var tomorrow = NewDiscussion(DiscussionKind.PupilDiscussion, groupB, ib, c.TeacherB, AtSchoolHour(now, 1, 13), now);
        tomorrow.Pupils.Add(new DiscussionPupil { Pupil = pupilsB[0] });
        tomorrow.Agenda.Add(new AgendaItem
        {
            Position = 1, Source = AgendaSource.DueEvaluation, PupilId = pupilsB[0].Id, Text = "Evaluatie doel rekenen tot 100",
        });
        tomorrow.ActionItems.Add(new ActionItem
        {
            School = groupB.School, Pupil = pupilsB[0], Description = "Toets rekenen afnemen vóór de bespreking.", Owner = c.TeacherB,
            DueOn = today.AddDays(-1), CreatedAt = now.AddDays(-10), CreatedById = ib.Id,
        });
        db.Discussions.Add(tomorrow);
        var groupLater = NewDiscussion(DiscussionKind.GroupDiscussion, groupB, ib, c.TeacherB, AtSchoolHour(now, 21, 14), now);
        foreach (var pupil in groupB.Enrolments.Select(e => e.Pupil!))
            groupLater.Pupils.Add(new DiscussionPupil { Pupil = pupil });
        db.Discussions.Add(groupLater);
    }

    /// <summary>Pupils of the group with a concern first (oldest concern first), then the others, in enrolment order.</summary>
    private static List<Pupil> CarePupils(PortalDbContext db, Group group)
    {
        var flagged = db.Concerns.Local.Where(x => x.Group == group).OrderBy(x => x.RaisedAt).Select(x => x.Pupil!).Distinct().ToList();
        return [.. flagged, .. group.Enrolments.Select(e => e.Pupil!).Where(p => !flagged.Contains(p))];
    }

    /// <summary>A school-day hour (UTC) <paramref name="days"/> from today: 13:00 or 14:00 UTC is early afternoon in the Netherlands.</summary>
    private static DateTime AtSchoolHour(DateTime now, int days, int utcHour) => now.Date.AddDays(days).AddHours(utcHour);

    private static DateTime LaterThisWeek(DateTime now)
    {
        // Thursday of this week at 14:00 UTC, or two days ahead when that has passed.
        var day = now.Date;
        var thursday = day.AddDays(((int)DayOfWeek.Thursday - (int)day.DayOfWeek + 7) % 7).AddHours(14);
        return thursday > now ? thursday : now.Date.AddDays(2).AddHours(14);
    }

    private static Discussion NewDiscussion(DiscussionKind kind, Group group, StaffMember ib, StaffMember teacher, DateTime at, DateTime now) => new()
    {
        Kind = kind, School = group.School, Group = group, ScheduledAt = at, Coordinator = ib, Teacher = teacher,
        CreatedAt = at < now ? at.AddDays(-7) : now.AddDays(-1), UpdatedAt = at < now ? at : now.AddDays(-1),
    };

    private static Guardian NewGuardian(Pupil pupil, School school, Random random, string relationship, bool authority, DateTime now) => new()
    {
        Pupil = pupil, School = school,
        Name = $"{ParentFirstNames[random.Next(ParentFirstNames.Length)]} {Pupil.FullNameOf("", pupil.Infix, pupil.LastName).Trim()}",
        Relationship = relationship, HasParentalAuthority = authority,
        Phone = $"06-{random.Next(10_000_000, 99_999_999)}", Email = $"ouder{random.Next(1000, 9999)}@voorbeeld.example",
        CreatedAt = now.AddDays(-90), UpdatedAt = now.AddDays(-90),
    };

    private static void Levels(PortalDbContext db, Pupil pupil, School school, StaffMember ib, DateTime now,
        params (int Level, int DaysAgo, string Reason)[] changes)
    {
        int? previous = null;
        foreach (var (level, daysAgo, reason) in changes)
        {
            db.SupportLevelChanges.Add(new SupportLevelChange
            {
                Pupil = pupil, School = school, Level = level, PreviousLevel = previous ?? 1, Reason = reason,
                ChangedAt = now.AddDays(-daysAgo), ChangedBy = ib,
            });
            previous = level;
        }
    }

    private static SupportPlan Plan(PortalDbContext db, Pupil pupil, School school, StaffMember ib, DateTime now, DateOnly today,
        string[] quickWins, (string Text, DateOnly ReviewOn)[] goals, string needs)
    {
        var plan = new SupportPlan
        {
            Pupil = pupil, School = school, StartsOn = today.AddDays(-35), EducationalNeeds = needs,
            CreatedAt = now.AddDays(-35), CreatedBy = ib, UpdatedAt = now.AddDays(-35),
        };
        var position = 1;
        foreach (var text in quickWins)
            plan.Goals.Add(new PlanGoal { Kind = GoalKind.QuickWin, Position = position++, Description = text });
        foreach (var (text, reviewOn) in goals)
            plan.Goals.Add(new PlanGoal { Kind = GoalKind.LongTerm, Position = position++, Description = text, ReviewOn = reviewOn });
        db.SupportPlans.Add(plan);
        return plan;
    }

    private static Consent ConsentGiven(PortalDbContext db, Pupil pupil, School school, StaffMember ib, Guardian guardian, string purpose,
        DateTime now, int decidedDaysAgo, DateOnly? expiresOn)
    {
        var consent = new Consent
        {
            Pupil = pupil, School = school, Purpose = purpose, State = ConsentState.Given, RequestedAt = now.AddDays(-decidedDaysAgo - 7),
            RequestedById = ib.Id, Guardian = guardian, DecidedOn = DateOnly.FromDateTime(now).AddDays(-decidedDaysAgo),
            Method = ConsentMethod.SignedForm, ExpiresOn = expiresOn, UpdatedAt = now.AddDays(-decidedDaysAgo),
        };
        db.Consents.Add(consent);
        db.SaveChanges();   // the steps it allows refer to its id
        return consent;
    }

    private static PartnershipReferral Referral(Pupil pupil, School school, StaffMember ib, DateTime now, ReferralKind kind,
        ReferralStatus status, Consent? consent, int? submittedDaysAgo, ReferralOutcome? outcome = null, string? outcomeNote = null)
    {
        var today = DateOnly.FromDateTime(now);
        return new PartnershipReferral
        {
            Pupil = pupil, School = school, Kind = kind, Status = status,
            SupportQuestion = kind switch
            {
                ReferralKind.Consultation => "Hoe kunnen we de rekenontwikkeling in de klas beter ondersteunen?",
                ReferralKind.ArrangementRequest => "Wij vragen een arrangement voor rekenen op een eigen leerlijn.",
                _ => "Wij vragen een toelaatbaarheidsverklaring voor het speciaal basisonderwijs.",
            },
            TriedAndEffect = "Extra instructie aan de instructietafel (beperkt effect); concreet materiaal (helpt).",
            EducationalNeeds = "Heeft concreet materiaal, een eigen leerlijn en vaste instructiemomenten nodig.",
            ParentsView = "Ouders zien dat hun kind thuis gefrustreerd raakt en steunen de aanvraag.",
            ConsultantName = "J. de Graaf, consulent Passend Onderwijs",
            SubmittedOn = submittedDaysAgo is { } d ? today.AddDays(-d) : null,
            ConsentId = consent?.Id,
            DecidedOn = outcome is null ? null : today.AddDays(-(submittedDaysAgo ?? 0) + 21),
            Outcome = outcome, OutcomeNote = outcomeNote,
            CreatedAt = now.AddDays(-(submittedDaysAgo ?? 3) - 5), CreatedById = ib.Id, UpdatedAt = now.AddDays(-(submittedDaysAgo ?? 3)),
        };
    }
}
