namespace Selah.Server.Features.Bible;

/// <summary>The curated verses of the day: well-known verses (OSIS, KJV versification), one per day of a year.</summary>
public static class VerseOfTheDayList
{
    public static readonly IReadOnlyList<string> All =
    [
        "John.3.16", "Jer.29.11", "Phil.4.13", "Rom.8.28", "Prov.3.5-Prov.3.6", "Isa.41.10", "Ps.23.1", "Matt.11.28", "Josh.1.9", "Phil.4.6",
        "Rom.12.2", "Gal.2.20", "2Tim.1.7", "Heb.11.1", "Ps.46.1", "Isa.40.31", "Matt.6.33", "1Pet.5.7", "Rom.15.13", "Ps.119.105",
        "John.14.6", "Eph.2.8", "Rom.5.8", "2Cor.5.17", "1Cor.10.13", "Ps.37.4", "Matt.28.19", "Rom.6.23", "John.16.33", "Ps.27.1",
        "Deut.31.6", "1John.1.9", "Heb.12.1", "Isa.26.3", "Col.3.23", "Gal.5.22", "John.10.10", "Rom.10.9", "Ps.34.8", "Mic.6.8",
        "Lam.3.22-Lam.3.23", "Zeph.3.17", "Matt.5.16", "Ps.91.1", "Ps.121.1-Ps.121.2", "Ps.139.14", "1Cor.13.4", "1Cor.13.13", "Jas.1.5", "Jas.1.2-Jas.1.3",
        "Rom.8.38-Rom.8.39", "Eph.3.20", "Phil.4.7", "Phil.4.19", "Phil.1.6", "2Cor.12.9", "Heb.13.5", "Heb.4.16", "Heb.4.12", "1Thess.5.16-1Thess.5.18",
        "Ps.118.24", "Ps.16.11", "Ps.19.14", "Ps.51.10", "Ps.55.22", "Ps.62.1", "Ps.73.26", "Ps.90.12", "Ps.100.4", "Ps.103.1",
        "Ps.103.12", "Ps.107.1", "Ps.116.1", "Ps.119.11", "Ps.127.1", "Ps.145.18", "Ps.147.3", "Ps.150.6", "Ps.4.8", "Ps.5.3",
        "Ps.9.1", "Ps.18.2", "Ps.20.7", "Ps.25.4", "Ps.28.7", "Ps.30.5", "Ps.31.24", "Ps.32.8", "Ps.33.4", "Ps.34.18",
        "Ps.37.7", "Ps.40.1", "Ps.42.11", "Ps.46.10", "Ps.56.3", "Ps.63.1", "Ps.84.11", "Ps.86.5", "Ps.95.1", "Ps.96.1",
        "Prov.3.9", "Prov.4.23", "Prov.16.3", "Prov.16.9", "Prov.18.10", "Prov.19.21", "Prov.22.6", "Prov.27.17", "Prov.31.25", "Prov.15.1",
        "Prov.17.17", "Prov.12.25", "Prov.11.25", "Prov.1.7", "Prov.2.6", "Prov.9.10", "Prov.14.26", "Prov.21.21", "Eccl.3.1", "Eccl.3.11",
        "Eccl.12.13", "Isa.9.6", "Isa.12.2", "Isa.25.1", "Isa.30.15", "Isa.40.8", "Isa.40.29", "Isa.43.2", "Isa.43.19", "Isa.53.5",
        "Isa.54.10", "Isa.55.8", "Isa.55.11", "Isa.58.11", "Isa.61.1", "Isa.64.8", "Isa.6.8", "Isa.1.18", "Jer.17.7", "Jer.31.3",
        "Jer.33.3", "Ezek.36.26", "Dan.2.20", "Hab.3.19", "Nah.1.7", "Joel.2.13", "Hos.6.3", "Zech.4.6", "Mal.3.10", "Gen.1.1",
        "Gen.1.27", "Gen.28.15", "Gen.50.20", "Exod.14.14", "Exod.15.2", "Exod.33.14", "Num.6.24-Num.6.26", "Deut.6.5", "Deut.7.9", "Deut.31.8",
        "Josh.24.15", "Ruth.1.16", "1Sam.16.7", "2Sam.22.31", "1Kgs.8.56", "1Chr.16.11", "1Chr.16.34", "2Chr.7.14", "Neh.8.10", "Esth.4.14",
        "Job.19.25", "Job.42.2", "Matt.4.4", "Matt.5.3", "Matt.5.4", "Matt.5.5", "Matt.5.6", "Matt.5.7", "Matt.5.8", "Matt.5.9",
        "Matt.5.14", "Matt.5.44", "Matt.6.9", "Matt.6.21", "Matt.6.34", "Matt.7.7", "Matt.7.12", "Matt.11.29", "Matt.16.24", "Matt.18.20",
        "Matt.19.26", "Matt.22.37", "Matt.22.39", "Matt.28.20", "Mark.9.23", "Mark.10.27", "Mark.10.45", "Mark.11.24", "Mark.12.30", "Mark.16.15",
        "Luke.1.37", "Luke.2.11", "Luke.2.14", "Luke.6.31", "Luke.6.38", "Luke.9.23", "Luke.12.34", "Luke.19.10", "John.1.1", "John.1.5",
        "John.1.12", "John.1.14", "John.3.17", "John.3.30", "John.4.24", "John.6.35", "John.8.12", "John.8.32", "John.8.36", "John.10.11",
        "John.10.27", "John.11.25", "John.13.34", "John.13.35", "John.14.1", "John.14.2", "John.14.27", "John.15.5", "John.15.12", "John.15.13",
        "John.17.17", "John.20.29", "Acts.1.8", "Acts.2.38", "Acts.4.12", "Acts.16.31", "Acts.20.35", "Acts.17.28", "Rom.1.16", "Rom.3.23",
        "Rom.5.1", "Rom.5.3-Rom.5.4", "Rom.8.1", "Rom.8.18", "Rom.8.31", "Rom.8.37", "Rom.10.17", "Rom.12.1", "Rom.12.10", "Rom.12.12",
        "Rom.12.21", "Rom.13.8", "Rom.14.8", "Rom.15.4", "Rom.15.7", "1Cor.2.9", "1Cor.6.19", "1Cor.15.57", "1Cor.15.58", "1Cor.16.13",
        "1Cor.16.14", "1Cor.13.7", "1Cor.3.16", "2Cor.1.3-2Cor.1.4", "2Cor.3.17", "2Cor.4.16", "2Cor.4.17", "2Cor.4.18", "2Cor.5.7", "2Cor.9.7",
        "2Cor.9.8", "2Cor.10.5", "Gal.5.1", "Gal.5.13", "Gal.6.2", "Gal.6.9", "Eph.1.7", "Eph.2.10", "Eph.3.16", "Eph.4.2",
        "Eph.4.26", "Eph.4.29", "Eph.4.32", "Eph.5.2", "Eph.6.10", "Eph.6.11", "Phil.1.21", "Phil.2.3", "Phil.2.5", "Phil.2.13",
        "Phil.3.13-Phil.3.14", "Phil.4.4", "Phil.4.8", "Phil.4.11", "Col.1.17", "Col.2.6-Col.2.7", "Col.3.2", "Col.3.12", "Col.3.14", "Col.3.15",
        "Col.3.17", "Col.4.2", "1Thess.4.16", "1Thess.5.11", "1Thess.5.24", "2Thess.3.3", "2Thess.3.16", "1Tim.4.12", "1Tim.6.6", "1Tim.6.12",
        "2Tim.2.15", "2Tim.3.16", "2Tim.4.7", "Titus.2.11", "Titus.3.5", "Heb.6.19", "Heb.10.23", "Heb.10.24", "Heb.11.6", "Heb.12.2",
        "Heb.12.11", "Heb.13.8", "Heb.13.16", "Jas.1.12", "Jas.1.17", "Jas.1.19", "Jas.1.22", "Jas.4.7", "Jas.4.8", "Jas.5.16",
        "1Pet.1.3", "1Pet.2.9", "1Pet.3.15", "1Pet.4.8", "1Pet.4.10", "1Pet.5.6", "1Pet.5.10", "2Pet.1.3", "2Pet.3.9", "2Pet.3.18",
        "1John.3.1", "1John.3.18", "1John.4.4", "1John.4.7", "1John.4.8", "1John.4.10", "1John.4.18", "1John.4.19", "1John.5.4", "1John.5.14",
        "Jude.1.24", "Rev.3.20", "Rev.21.4", "Rev.21.5", "Rev.22.13", "Ps.3.3", "Ps.8.1", "Ps.27.14", "Ps.36.5", "Ps.61.2",
        "Ps.68.19", "Ps.94.19", "Ps.119.114", "Ps.138.8", "Ps.143.8", "Isa.49.16",
    ];
}
