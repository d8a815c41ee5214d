// Minimal typing for the `zipcodes` package (it ships none).
declare module 'zipcodes' {
  interface ZipInfo {
    zip: string;
    city: string;
    state: string;
    latitude: number;
    longitude: number;
    country: string;
  }
  const zipcodes: {
    lookup(zip: string | number): ZipInfo | undefined;
    lookupByName(city: string, state: string): ZipInfo[];
  };
  export default zipcodes;
}
